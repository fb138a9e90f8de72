// The API reference's "try it" forms: send the request with fetch and show the answer. Without this
// file the forms stay hidden and the page is plain documentation.
(() => {
  /** Pretty-prints JSON answers; anything else is shown as it came. */
  function format(text, contentType) {
    if (!contentType?.includes('json')) return text;
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  }

  async function send(form, output) {
    const headers = {};
    const body = form.elements.namedItem('body')?.value;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const token = form.elements.namedItem('token')?.value;
    if (token) headers.authorization = `Bearer ${token}`;
    output.textContent = 'Sending…';
    try {
      const response = await fetch(form.dataset.path, { method: form.dataset.method, headers, body });
      const text = await response.text();
      output.textContent = `${response.status} ${response.statusText}\n\n${format(text, response.headers.get('content-type'))}`;
    } catch (error) {
      output.textContent = `The request did not complete: ${error.message}`;
    }
  }

  for (const form of document.querySelectorAll('form.try-it')) {
    const output = form.querySelector('.try-it-response');
    form.hidden = false;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      send(form, output);
    });
  }
})();
