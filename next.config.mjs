import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Next 16 blocks dev assets for hosts other than localhost; browsers and tests sometimes use 127.0.0.1
  allowedDevOrigins: ['127.0.0.1'],
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
