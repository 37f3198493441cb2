import { describe, expect, it } from "vitest";
import path from "node:path";
import { EnvError, parseEnv } from "../../server/config/env";

describe("parseEnv", () => {
  it("gives working defaults for a bare machine", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.HOST).toBe("127.0.0.1");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.sqlitePath).toBe(path.resolve("./data", "roundtable.sqlite"));
    expect(env.SEED_TEMPLATES).toBe(true);
  });

  it("reads and coerces values; empty strings count as unset", () => {
    const env = parseEnv({ PORT: "0", DATA_DIR: "/tmp/x", DATABASE_URL: "postgres://u@h/db", SECURE_COOKIES: "yes", SESSION_SECRET: "" });
    expect(env.PORT).toBe(0);
    expect(env.sqlitePath).toBe("/tmp/x/roundtable.sqlite");
    expect(env.DATABASE_URL).toBe("postgres://u@h/db");
    expect(env.SECURE_COOKIES).toBe(true);
    expect(env.SESSION_SECRET).toBeUndefined();
  });

  it("fails fast naming every bad variable", () => {
    let error: unknown;
    try {
      parseEnv({ PORT: "99999", DATABASE_URL: "mysql://x", SESSION_SECRET: "short", LOG_LEVEL: "loud" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    for (const name of ["PORT", "DATABASE_URL", "SESSION_SECRET", "LOG_LEVEL"]) expect(message).toContain(`${name}:`);
    expect(message).toContain("postgres://");
  });
});

describe("TRUST_PROXY", () => {
  it("is off by default and reads booleans, hop counts and address lists", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "0" }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(true);
    expect(parseEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: "loopback, 10.0.0.0/8 ,::1" }).TRUST_PROXY).toBe("loopback,10.0.0.0/8,::1");
  });

  it("refuses anything Express would misread, naming the variable", () => {
    for (const bad of ["maybe", "11", "10.0.0.0/33", "nginx", "127.0.0.1,"]) {
      expect(() => parseEnv({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY:/);
    }
  });
});
