import ipaddr from 'ipaddr.js'

/**
 * Where a webhook may be sent. By default only to public unicast addresses: never to loopback, private,
 * link-local (cloud metadata at 169.254.169.254), unique-local, carrier-grade NAT or reserved ranges, so a
 * subscription cannot make the server call into its own network. The host's `webhooks.allowHosts` option lifts
 * that for the names and CIDR ranges it lists (a receiver inside the network, a test's 127.0.0.1). Pure.
 */
export type AllowList = readonly string[]

const PUBLIC_RANGE = 'unicast'

function parsed(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!ipaddr.isValid(address)) return null
  const ip = ipaddr.parse(address)
  // an IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is
  return ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? (ip as ipaddr.IPv6).toIPv4Address() : ip
}

const inCidr = (ip: ipaddr.IPv4 | ipaddr.IPv6, cidr: string): boolean => {
  if (!cidr.includes('/')) return false
  try {
    const [range, bits] = ipaddr.parseCIDR(cidr)
    return ip.kind() === range.kind() && ip.match([range, bits] as never)
  } catch {
    return false
  }
}

/** IPv6's global unicast block: ipaddr.js calls more "unicast" (the old IPv4-compatible ::a.b.c.d among them) */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3')

/** Whether a resolved address may be called: public unicast, or inside a CIDR of the allow-list. */
export function addressAllowed(address: string, allow: AllowList = []): boolean {
  const ip = parsed(address)
  if (!ip) return false
  if (allow.some((entry) => inCidr(ip, entry) || (parsed(entry)?.toString() ?? null) === ip.toString())) return true
  if (ip.range() !== PUBLIC_RANGE) return false
  return ip.kind() === 'ipv4' || (ip as ipaddr.IPv6).match(GLOBAL_UNICAST_V6 as [ipaddr.IPv6, number])
}

/** Why an address or name was refused (said the same at save and at send; never which addresses a name has). */
export const notPublic = (host: string) => `${host} is not a public address (the webhooks.allowHosts option lists internal receivers)`

/** Whether a host name is listed as it is in the allow-list (names are compared without case). */
export const hostAllowed = (host: string, allow: AllowList = []): boolean =>
  allow.some((entry) => entry.toLowerCase() === host.toLowerCase())

/**
 * What is wrong with a subscription's URL, or null: it must be http(s), carry no credentials, and — when its
 * host is an address literal — be an address `addressAllowed` accepts. (Names are checked again at every send,
 * against the addresses they resolve to then.)
 */
export function webhookUrlProblem(value: unknown, allow: AllowList = []): string | null {
  if (typeof value !== 'string' || value.length === 0) return 'a webhook needs a URL'
  if (value.length > 2048) return 'at most 2,048 characters'
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'not a URL'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http and https URLs are allowed'
  if (url.username || url.password) return 'no credentials in the URL: verify the signature instead'
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (hostAllowed(host, allow)) return null
  if (ipaddr.isValid(host) && !addressAllowed(host, allow)) return notPublic(host)
  const name = host.replace(/\.$/, '').toLowerCase()
  if (name === 'localhost' || name.endsWith('.localhost')) return notPublic(host)
  return null
}
