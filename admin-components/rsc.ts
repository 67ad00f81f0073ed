// Server components of LabelOps' admin views (they load data and check permission, then render a client
// sibling), referenced by path string: `labelops/rsc#ComponentName`. The admin-view issues add them here.
export {}
