// Language switcher fallback: when the same page does not exist in the other edition, go to
// that edition's home page instead of a 404. Over file:// the link is followed as it is.
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a.book-language-link");
  if (!link || !/^https?:$/.test(window.location.protocol)) return;
  event.preventDefault();
  fetch(link.href, { method: "HEAD" })
    .then((response) => {
      window.location.href = response.ok ? link.href : link.dataset.fallback;
    })
    .catch(() => {
      window.location.href = link.href;
    });
});
