import { parse, serialize, type SerializeOptions } from "cookie";

export type CookieOptions = SerializeOptions;

/** The cookies of one request, and a way to set cookies on its response. */
export type CookieJar = {
  getAll(): { name: string; value: string }[];
  get(name: string): string | undefined;
  set(name: string, value: string, options: CookieOptions): void;
};

/** A jar over a Cookie header that sends each Set-Cookie value through `append`. */
export function createCookieJar(cookieHeader: string | null | undefined, append: (setCookie: string) => void): CookieJar {
  const cookies = Object.entries(parse(cookieHeader ?? "")).map(([name, value]) => ({ name, value: value ?? "" }));
  return {
    getAll: () => cookies,
    get: (name) => cookies.find((c) => c.name === name)?.value,
    set(name, value, options) {
      append(serialize(name, value, options));
      const existing = cookies.find((c) => c.name === name);
      if (existing) existing.value = value;
      else cookies.push({ name, value });
    },
  };
}
