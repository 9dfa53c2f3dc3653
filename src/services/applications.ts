/** Registering applications (CLI `kairos app create`). */
import { newApplicationId, newClientId, newSecret, type Application } from '../core/index.js';
import { sha256, type ServiceDeps } from './credentials.js';

export interface CreatedApplication {
  application: Application;
  /** Shown once; only its hash is stored. */
  clientSecret: string;
}

export async function createApplication(deps: ServiceDeps, opts: { name: string; redirectUris?: string[] }): Promise<CreatedApplication> {
  const application: Application = {
    applicationId: newApplicationId(deps.random),
    clientId: newClientId(deps.random),
    name: opts.name,
    redirectUris: opts.redirectUris ?? [],
    active: true,
    createdAt: deps.clock(),
  };
  const clientSecret = newSecret(deps.random);
  await deps.store.transaction(async (tx) => {
    await tx.createApplication(application);
    await tx.insertCredential({
      hash: sha256(clientSecret),
      kind: 'api_key',
      applicationId: application.applicationId,
      sub: null,
      scope: null,
      permissions: [],
      subs: [],
      origin: null,
      issuedAt: application.createdAt,
      expiresAt: null,
      revoked: false,
    });
  });
  return { application, clientSecret };
}

/** The application whose client credentials these are, or null (constant-time by hash lookup). */
export async function verifyClientCredentials(deps: ServiceDeps, clientId: unknown, clientSecret: unknown): Promise<Application | null> {
  if (typeof clientId !== 'string' || typeof clientSecret !== 'string' || clientId === '' || clientSecret === '') return null;
  const credential = await deps.store.findCredential(sha256(clientSecret));
  if (!credential || credential.kind !== 'api_key' || credential.revoked) return null;
  const app = await deps.store.getApplication(credential.applicationId);
  if (!app || !app.active || app.clientId !== clientId) return null;
  return app;
}
