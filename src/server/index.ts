export { createServer, type CreateServerOptions, type LabelOpsServer } from './createServer.ts'
