"""The page at the root of the built site, which sends each reader to their language."""

from __future__ import annotations

import html
import json

from book_tools.languages import Language


def render(languages: list[Language]) -> str:
    """HTML that redirects to the edition matching the browser's languages (English otherwise).

    Matching is by full tag first (``zh-CN``), then by primary language (``zh-TW`` reader -> the
    only Chinese edition). Without JavaScript the reader gets a list of links, each edition named
    in its own language (babel) and tagged with its BCP 47 tag and text direction.
    """
    tags = {lang.html_lang.lower(): lang.code for lang in languages}
    items = "\n".join(
        f'    <li><a href="{html.escape(lang.code)}/index.html" hreflang="{html.escape(lang.html_lang)}"'
        f' lang="{html.escape(lang.html_lang)}" dir="{lang.direction}">'
        f"{html.escape(lang.native_name)}</a></li>"
        for lang in languages
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>AI Infra Book</title>
  <script>
    (function () {{
      var editions = {json.dumps(tags, sort_keys=True)};
      var wanted = (navigator.languages && navigator.languages.length)
        ? navigator.languages : [navigator.language || "en"];
      var target = "en";
      outer: for (var i = 0; i < wanted.length; i++) {{
        var tag = String(wanted[i]).toLowerCase();
        if (editions[tag]) {{ target = editions[tag]; break; }}
        var primary = tag.split("-")[0];
        for (var key in editions) {{
          if (key.split("-")[0] === primary) {{ target = editions[key]; break outer; }}
        }}
      }}
      window.location.replace(target + "/index.html" + window.location.hash);
    }})();
  </script>
</head>
<body>
  <h1>AI Infra Book</h1>
  <ul>
{items}
  </ul>
</body>
</html>
"""
