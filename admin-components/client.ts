// Client components of LabelOps' admin views ('use client'), referenced by path string from the plugin:
// `labelops/client#ComponentName`. The admin-view issues add them here.
export {}
