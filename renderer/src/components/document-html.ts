/**
 * The services' HTML documents (consent forms, parent reports, the transparency report) carry
 * their own <style>. Shown in a frame they inherit the app's CSP, whose style-src allows only
 * nonced styles, so the page's nonce is put on each <style> that has none. The frame is
 * sandboxed without scripts: it can be printed, never run anything. Pure, unit-tested.
 */
export function withStyleNonce(html: string, nonce: string | undefined): string {
  if (!nonce) return html;
  return html.replace(/<style(\s[^>]*)?>/gi, (tag: string) => (/\snonce=/i.test(tag) ? tag : tag.replace(/^<style/i, `<style nonce="${nonce}"`)));
}
