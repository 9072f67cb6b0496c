/** Numeric limits enforced by both the client's forms and the BFF's schemas. */
export const LIMITS = {
  nicknameMax: 20,
  devNameMax: 20,
  orgNameMax: 60,
  birthYearMin: 1940,
  /** Workers must be at least 16 (the legal working age in China). */
  minAgeYears: 16,
  wechatCodeMax: 128,
  /** Request bodies above this are refused with PAYLOAD_TOO_LARGE. */
  bodyBytesMax: 64 * 1024,
  pageSizeMax: 100,
  stationNameMax: 40,
  eventTitleMax: 60,
  matchIntroMax: 200,
  requestTextMax: 1000,
  /** Working days an organisation has to answer a request. */
  requestDueWorkingDays: 3,
  matchPicksMax: 10,
  /** Self check-in opens this long before an event starts. */
  selfCheckinEarlyMinutes: 30,
  /** A repeat scan at the same station within this many minutes returns the first check-in. */
  checkinDedupeMinutes: 30,
  /** How far back a check-in queued offline may be dated. */
  offlineCheckinMaxAgeHours: 24,
  /**
   * A rotating (screen) code is accepted until this many minutes after it was shown, whatever time
   * the device claims: a scan queued offline must reach the server by then, so a screenshot is
   * worthless after it (printed codes keep the 24-hour offline allowance).
   */
  rotatingCodeMaxAgeMinutes: 10,
  /** One uploaded photo at most (phones' compressed photos are well under it). */
  uploadBytesMax: 3 * 1024 * 1024,
  stationPhotosMax: 9,
  /** Uploads never attached to a request or station are deleted after this many hours. */
  uploadOrphanHours: 24,
} as const;
