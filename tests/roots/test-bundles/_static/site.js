"use strict";
window.siteScriptRan = (window.siteScriptRan || 0) + 1;
