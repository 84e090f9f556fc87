// certificates.weapp.test.js opens the verification page with a real certificate's code.
module.exports = {
  // Opened without a code (a cut-off link): it says so, signed in or not.
  'packages/certificates/pages/verify/index': { visitor: '证书编号无效', staff: '证书编号无效' },
};
