module.exports = {
  'packages/join/pages/apply/index': { visitor: '申请加入ITSS分会', applicant: '申请加入ITSS分会' },
  'packages/join/pages/mine/index': { visitor: '您还没有提交过入会申请' },
  // Opened without an id (the journey in pages.weapp.test.js opens it with one).
  'packages/join/pages/detail/index': { applicant: '没有找到这份申请' },
  // The application submitted in pages.weapp.test.js's beforeAll, and the development demo campaign.
  'packages/join/staff/applications/index': { staff: '北京数智运维科技有限公司' },
  'packages/join/staff/application/index': { staff: '没有找到这份申请' },
  'packages/join/staff/campaigns/index': { staff: '演示：ITSS会议周展台' },
};
