// Browser journeys and process-level tests take longer than unit tests.
jest.setTimeout(90_000);
