import path from "node:path";
import { z } from "zod";

/** The three ways the product runs; chosen by which settings are present. */
export type Mode = "embedded" | "postgres" | "supabase";

const booleanSetting = z
  .enum(["true", "false", "1", "0"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1");

const settingsSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number({ message: "must be a port number" }).int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .optional(),
    LISTEN_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .optional(),
    SUPABASE_URL: z.url({ message: "must be the https URL of your Supabase project" }).optional(),
    SUPABASE_ANON_KEY: z.string().min(20, "must be the project's anon (publishable) key").optional(),
    APP_ORIGIN: z.url({ message: "must be a URL such as https://hub.example.org" }).optional(),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://").optional(),
    MAIL_FROM: z.string().min(3).default("Assurance Hub <no-reply@localhost>"),
    SEED_DEMO: booleanSetting.optional(),
    SIGN_IN_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
    SIGN_IN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
    COLLAB_MAX_CONNECTIONS_PER_DOCUMENT: z.coerce.number({ message: "must be a whole number" }).int().min(1).default(200),
    COLLAB_MAX_DOCUMENT_BYTES: z.coerce
      .number({ message: "must be a number of bytes" })
      .int()
      .min(16 * 1024, "must be at least 16384 bytes")
      .default(1024 * 1024),
    COLLAB_SECRET: z.string().min(32, "must be at least 32 characters (for example from `openssl rand -hex 32`)").optional(),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://").optional(),
    UPLOAD_MAX_BYTES: z.coerce
      .number({ message: "must be a number of bytes" })
      .int("must be a whole number of bytes")
      .min(1024, "must be at least 1024 bytes")
      .max(1024 * 1024 * 1024, "must be at most 1073741824 bytes (1 GB)")
      .default(20 * 1024 * 1024),
    FILES_DIR: z.string().min(1).optional(),
    SUPABASE_SERVICE_ROLE_KEY: z.string().min(20, "must be the project's service role (secret) key").optional(),
    SUPABASE_STORAGE_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{2,62}$/, "must be a bucket name of 3 to 63 lower-case letters, digits, - and _")
      .default("evidence"),
  })
  // `when` lets these run even when another setting failed, so one start names every problem.
  .superRefine((s, ctx) => {
    if (Boolean(s.SUPABASE_URL) !== Boolean(s.SUPABASE_ANON_KEY)) {
      const missing = s.SUPABASE_URL ? "SUPABASE_ANON_KEY" : "SUPABASE_URL";
      ctx.addIssue({ code: "custom", path: [missing], message: "is required when the other Supabase setting is given" });
    }
    if (s.REDIS_URL && !s.COLLAB_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["COLLAB_SECRET"],
        message: "is required when REDIS_URL is set: every instance must check the connection tokens the others issue",
      });
    }
    if (s.SUPABASE_SERVICE_ROLE_KEY && !s.SUPABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["SUPABASE_URL"],
        message: "is required when SUPABASE_SERVICE_ROLE_KEY is set: it names the project whose Storage keeps the files",
      });
    }
    if (s.LISTEN_DATABASE_URL && !s.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["LISTEN_DATABASE_URL"],
        message: "is only used with DATABASE_URL: the embedded database hears its own changes",
      });
    }
    if (s.SUPABASE_URL && !s.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message: "is required in Supabase mode: use the project's direct or session-pooler connection string",
      });
    }
  }, { when: (payload) => typeof payload.value === "object" && payload.value !== null });

export type Config = {
  mode: Mode;
  env: "development" | "production" | "test";
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /**
   * Where the live hub's LISTEN connection goes, when DATABASE_URL cannot carry it (Supabase's
   * transaction pooler): a direct or session-pooler connection to the same database.
   */
  listenDatabaseUrl?: string;
  supabase?: { url: string; anonKey: string };
  appOrigin: string;
  smtpUrl?: string;
  mailFrom: string;
  seedDemo: boolean;
  signInLimits: { perAccount: number; perIp: number };
  collab: {
    maxConnectionsPerDocument: number;
    maxDocumentBytes: number;
    /** Absent: a random secret per process (fine for one instance). */
    secret?: string;
    redisUrl?: string;
  };
  uploads: {
    /** The largest file accepted, enforced while the upload streams in. */
    maxBytes: number;
  };
  /**
   * Where evidence files are kept: a folder, or (with SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY)
   * a private Supabase Storage bucket.
   */
  storage:
    | { kind: "local"; filesDir: string }
    | { kind: "supabase"; url: string; serviceRoleKey: string; bucket: string };
};

/** Thrown when settings are missing or wrong; the message names every bad setting. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Assurance Hub cannot start. Fix these settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads and validates the environment once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = settingsSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "settings"} ${i.message}`));
  }
  const s = parsed.data;
  const mode: Mode = s.SUPABASE_URL ? "supabase" : s.DATABASE_URL ? "postgres" : "embedded";
  const dataDir = path.resolve(s.DATA_DIR);
  return {
    mode,
    env: s.NODE_ENV,
    port: s.PORT,
    host: s.HOST,
    dataDir,
    databaseUrl: s.DATABASE_URL,
    listenDatabaseUrl: s.LISTEN_DATABASE_URL,
    supabase: s.SUPABASE_URL && s.SUPABASE_ANON_KEY ? { url: s.SUPABASE_URL, anonKey: s.SUPABASE_ANON_KEY } : undefined,
    appOrigin: (s.APP_ORIGIN ?? `http://localhost:${s.PORT}`).replace(/\/$/, ""),
    smtpUrl: s.SMTP_URL,
    mailFrom: s.MAIL_FROM,
    seedDemo: s.SEED_DEMO ?? mode === "embedded",
    signInLimits: { perAccount: s.SIGN_IN_LIMIT_PER_ACCOUNT, perIp: s.SIGN_IN_LIMIT_PER_IP },
    collab: {
      maxConnectionsPerDocument: s.COLLAB_MAX_CONNECTIONS_PER_DOCUMENT,
      maxDocumentBytes: s.COLLAB_MAX_DOCUMENT_BYTES,
      secret: s.COLLAB_SECRET,
      redisUrl: s.REDIS_URL,
    },
    uploads: { maxBytes: s.UPLOAD_MAX_BYTES },
    storage:
      s.SUPABASE_URL && s.SUPABASE_SERVICE_ROLE_KEY
        ? { kind: "supabase", url: s.SUPABASE_URL, serviceRoleKey: s.SUPABASE_SERVICE_ROLE_KEY, bucket: s.SUPABASE_STORAGE_BUCKET }
        : { kind: "local", filesDir: path.resolve(s.FILES_DIR ?? path.join(dataDir, "files")) },
  };
}
