'use client'
// Client components of LabelOps' admin views ('use client'), referenced by path string from the plugin:
// `labelops/client#ComponentName` (README "Admin views"). Register them in src/admin/views.ts.
export { LabelOpsNavLinks } from './shared/LabelOpsNavLinks.tsx'
export { MyWorkClient } from './myWork/MyWorkClient.tsx'
export { AnnotateClient } from './annotate/AnnotateClient.tsx'
export { StartLabelling } from './projects/StartLabelling.tsx'
export { ProjectStatusField } from './projects/ProjectStatusField.tsx'
export { DatasetImport } from './datasets/DatasetImport.tsx'
export { QueueClient } from './queue/QueueClient.tsx'
export { ReplayDelivery } from './webhooks/ReplayDelivery.tsx'
export { JsonPreview } from './shared/JsonPreview.tsx'
export { JsonText } from './shared/JsonText.tsx'
export { OntologyField } from './ontology/OntologyField.tsx'
