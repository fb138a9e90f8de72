// Progressive enhancement only: every page works without this file.
// Pre-selects the visitor's time zone when the server could not know it.
(() => {
  const select = document.querySelector('select[data-detect-timezone]');
  if (!select) return;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && [...select.options].some((option) => option.value === zone)) select.value = zone;
})();
