// Console behaviour without inline script (the Content-Security-Policy allows scripts from the hub itself only):
// a select marked data-autosubmit submits its form when it changes.
document.addEventListener('change', function (event) {
  var target = event.target;
  if (target && target.matches && target.matches('select[data-autosubmit]') && target.form) {
    target.form.submit();
  }
});
