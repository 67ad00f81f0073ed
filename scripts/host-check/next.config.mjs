import { withPayload } from '@payloadcms/next/withPayload'

// the host folder sits inside the LabelOps checkout, whose node_modules hold Next, Payload and React (the peers)
const root = process.env.HOST_CHECK_ROOT
export default withPayload(
  { allowedDevOrigins: ['127.0.0.1'], turbopack: { root }, outputFileTracingRoot: root },
  { devBundleServerPackages: false },
)
