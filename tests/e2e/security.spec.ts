import { expect, test } from "./support/fixtures";
import { demoFacilitator } from "./support/people";

test("a form posted from another website is refused with 403 and signs no one in", async ({ request, baseURL }) => {
  const credentials = { email: demoFacilitator.email, password: demoFacilitator.password };

  const crossSite = await request.post("/sign-in", {
    headers: { Origin: "https://evil.example" },
    form: credentials,
    maxRedirects: 0,
  });
  expect(crossSite.status()).toBe(403);
  expect(await crossSite.text()).toContain("This form was sent from another website");
  expect(crossSite.headers()["set-cookie"]).toBeUndefined();

  // The same request from the site's own origin gets through the check (and signs in).
  const sameSite = await request.post("/sign-in", { headers: { Origin: baseURL! }, form: credentials, maxRedirects: 0 });
  expect(sameSite.status()).toBe(302);
  expect(sameSite.headers()["set-cookie"]).toBeDefined();
});
