// A MySQL test file migrates a fresh database from scratch in beforeAll: more than jest's default
// 5 s on a busy 2-core machine. (testTimeout is a global option that projects do not take.)
jest.setTimeout(30_000);
