import type { TestApi } from './api.ts'

type Id = number

/**
 * A workspace run over REST by its Admin: a Team Manager, two Annotators and `reviewers` Reviewers (Taskers),
 * a dataset of `items` images, and helpers to start a project on any template.
 */
export async function buildWorkflowWorld(api: TestApi, { items = 3, reviewers = 2 } = {}) {
  await api.createUser('root@wf.test') // the demo host's first user is a super-admin: keep actors ordinary
  const admin = await api.createUser('admin@wf.test')
  const call = (token: string) => ({
    get: (path: string) => api.http().get(path).set('Authorization', `JWT ${token}`),
    post: (path: string, body: object, headers: Record<string, string> = {}) => {
      const req = api.http().post(path).set('Authorization', `JWT ${token}`)
      for (const [name, value] of Object.entries(headers)) req.set(name, value)
      return req.send(body)
    },
    patch: (path: string, body: object) => api.http().patch(path).set('Authorization', `JWT ${token}`).send(body),
    delete: (path: string) => api.http().delete(path).set('Authorization', `JWT ${token}`),
  })
  const asAdmin = call(admin.token)
  const workspace = (await asAdmin.post('/api/workspaces', { name: 'Workflow WS' })).body.doc.id as Id
  // people join by accepting an invitation
  const join = async (email: string, role: string) => {
    const user = await api.createUser(email)
    const invited = await asAdmin.post('/api/workspace-invitations', { workspace, email, role })
    const accepted = invited.status === 201 && (await call(user.token).post(`/api/workspace-invitations/${invited.body.doc.id}/accept`, {}))
    if (!accepted || accepted.status !== 200) throw new Error(`membership for ${email}: ${invited.status} ${JSON.stringify(invited.body)}`)
    return user
  }
  const tm = await join('tm@wf.test', 'member')
  const annotators = [await join('ann1@wf.test', 'tasker'), await join('ann2@wf.test', 'tasker'), await join('ann3@wf.test', 'tasker')]
  const reviewerUsers: Array<{ id: number | string; email: string; token: string }> = []
  for (let i = 0; i < reviewers; i++) reviewerUsers.push(await join(`rev${i}@wf.test`, 'tasker'))

  const dataset = (await asAdmin.post('/api/datasets', { workspace, name: 'Frames' })).body.doc.id as Id
  const manifest = Array.from({ length: items }, (_, i) =>
    JSON.stringify({ externalId: `f${i}`, type: 'image', url: `https://e.com/${i}.png`, metadata: { difficulty: i } }),
  ).join('\n')
  await asAdmin.post(`/api/datasets/${dataset}/import`, manifest as never, { 'Content-Type': 'application/x-ndjson' })

  const templates = (await asAdmin.get(`/api/workflow-templates?where[workspace][equals]=${workspace}&limit=10`)).body.docs as Array<{
    id: Id
    name: string
  }>
  const templateId = (name: string) => templates.find((template) => template.name === name)!.id

  /** A project on a template (by name), In progress, with everyone in their project role; returns it and its tasks. */
  const startProject = async (templateName: string, extra: Record<string, unknown> = {}) => {
    const collaborators = [
      { user: tm.id, role: 'team-manager' },
      ...annotators.map((user) => ({ user: user.id, role: 'annotator' })),
      ...reviewerUsers.map((user) => ({ user: user.id, role: 'reviewer' })),
    ]
    const created = await asAdmin.post('/api/projects', {
      workspace,
      name: `${templateName} project`,
      datasets: [dataset],
      workflowTemplate: templateId(templateName),
      collaborators,
      ...extra,
    })
    if (created.status !== 201) throw new Error(`project: ${created.status} ${JSON.stringify(created.body)}`)
    const project = created.body.doc.id as Id
    const started = await asAdmin.patch(`/api/projects/${project}`, { status: 'in-progress' })
    if (started.status !== 200) throw new Error(`start project: ${started.status} ${JSON.stringify(started.body)}`)
    const tasks = (await asAdmin.get(`/api/tasks?where[project][equals]=${project}&sort=id&limit=100&depth=0`)).body.docs as Array<{
      id: Id
      stage: string
      status: string
      version: number
    }>
    return { project, tasks }
  }

  return { workspace, dataset, admin, tm, annotators, reviewers: reviewerUsers, call, asAdmin, templateId, startProject }
}
