// The data the pages show, made through the API by the seeding library every suite shares
// (server/test/support/seed.ts, compiled by this suite's jest transform): the applicant's and staff's
// sides, so the pages under test have something to show. Signatures by origin, as the tests hold one.
const { DEMO_APPLICATION, PNG, builtServer, seeding } = require('../../../server/test/support/seed');

const seed = (origin) => seeding(builtServer(origin));

/** A session token: of a stand-in persona (by its key), or of any WeChat user (`{ openid }`). */
async function loginAs(origin, who) {
  return (await seed(origin).signIn(typeof who === 'string' ? { persona: who } : who)).token;
}

/** Calls the API as the holder of `token`; anything but a 2xx is an error. Resolves to the body. */
function call(origin, token, method, path, data, headers = {}) {
  return seed(origin).ok(token, method, path, data, headers);
}

/** Uploads a licence and submits the demo unit's application as `who` (as loginAs takes it); resolves to the application. */
async function submitApplication(origin, who, overrides = {}) {
  return seed(origin).submitApplication(await loginAs(origin, who), {
    ...DEMO_APPLICATION,
    ...overrides,
  });
}

/** A public 政策解读 article unless `article` says otherwise, written as a draft and published; resolves to its id. */
async function publishArticle(origin, staffToken, article) {
  const published = await seed(origin).publishArticle(staffToken, {
    category: 'policy',
    visibility: 'public',
    ...article,
  });
  return published.id;
}

/** A group's QR image, uploaded as the staff page does. */
function uploadGroupCode(origin, token, groupId) {
  return seed(origin).uploadGroupCode(token, groupId);
}

/** The one-time codes the WeChat client gets from the stand-in for a persona: wx.login's and the phone button's. */
function loginCode(origin, persona) {
  return seed(origin).loginCode({ persona });
}

function phoneCode(origin, persona) {
  return seed(origin).phoneCode({ persona });
}

module.exports = {
  PNG,
  loginAs,
  call,
  submitApplication,
  publishArticle,
  uploadGroupCode,
  loginCode,
  phoneCode,
};
