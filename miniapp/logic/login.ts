/**
 * H5 demo sign-in (dev login: the BFF without WECHAT_APPID accepts `dev:<name>`). Any typed name becomes
 * a stable ASCII slug: letters, digits, - and _ are kept (lower case); every other character (张三) is
 * written as its code point in base 36, so the same name always signs in as the same user.
 */
export function demoSlug(name: string): string {
  let slug = '';
  for (const ch of name.trim()) {
    if (/[A-Za-z0-9_-]/.test(ch)) slug += ch.toLowerCase();
    else if (/\s/.test(ch)) slug += '-';
    else slug += (ch.codePointAt(0) ?? 0).toString(36);
  }
  return slug.replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 48);
}

export function demoCode(name: string): string | null {
  const slug = demoSlug(name);
  return slug ? `dev:${slug}` : null;
}
