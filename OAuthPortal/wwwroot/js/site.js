// OAuthPortal's only script: "Copy" buttons. A button with data-copy="#element-id" copies that element's text.
// Loaded from a file (no inline script), so a CSP without 'unsafe-inline' allows it.
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-copy]');
  if (!button || !navigator.clipboard) {
    return;
  }
  var source = document.querySelector(button.getAttribute('data-copy'));
  if (!source) {
    return;
  }
  navigator.clipboard.writeText(source.textContent.trim()).then(function () {
    var label = button.textContent;
    button.textContent = 'Copied';
    setTimeout(function () { button.textContent = label; }, 1500);
  });
});
