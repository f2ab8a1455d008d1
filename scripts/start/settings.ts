import { stat } from 'node:fs/promises';
import { EnvError } from '@trellis/kit';
import { type PortSetting, readStartConfig, type StartConfig, usedPortSettings } from './config.ts';
import { portUnavailable } from './ports.ts';

export interface Refusal {
  /** The environment variable at fault. */
  setting: string;
  reason: string;
}

export type SettingsCheck = { ok: true; config: StartConfig } | { ok: false; refusals: Refusal[] };

function portOf(config: StartConfig, setting: PortSetting): number {
  const ports: Record<PortSetting, number> = {
    CONFIG_PORT: config.ports.config,
    USERS_PORT: config.ports.users,
    ORDERS_PORT: config.ports.orders,
    MEETINGS_PORT: config.ports.meetings,
    MESSAGING_PORT: config.ports.messaging,
    GATEWAY_PORT: config.ports.gateway,
    ADMIN_PORT: config.adminPort,
  };
  return ports[setting];
}

async function dataDirRefusal(dataDir: string): Promise<Refusal | undefined> {
  const found = await stat(dataDir).catch(() => undefined);
  return found && !found.isDirectory()
    ? { setting: 'TRELLIS_DATA_DIR', reason: `${dataDir} is a file, not a directory` }
    : undefined;
}

/**
 * Every setting `npm start` reads, checked before anything starts: well formed (ports, URLs,
 * levels, secrets, keys), no retired setting, no port given twice or reserved, and every port
 * free on this machine. Each refusal names the setting at fault.
 */
export async function checkSettings(env: NodeJS.ProcessEnv): Promise<SettingsCheck> {
  let config: StartConfig;
  try {
    config = readStartConfig(env);
  } catch (error) {
    if (error instanceof EnvError) {
      const refusals = error.variables.map(({ name, message }) => ({
        setting: name,
        reason: message,
      }));
      return { ok: false, refusals };
    }
    throw error;
  }
  const portRefusals = await Promise.all(
    usedPortSettings(config.adminConsole).map(async (setting) => {
      const reason = await portUnavailable(portOf(config, setting));
      return reason ? { setting, reason } : undefined;
    }),
  );
  const refusals = [...portRefusals, await dataDirRefusal(config.dataDir)].filter(
    (refusal): refusal is Refusal => refusal !== undefined,
  );
  return refusals.length > 0 ? { ok: false, refusals } : { ok: true, config };
}
