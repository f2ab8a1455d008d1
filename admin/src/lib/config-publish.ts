/** Why the saved draft cannot be published now, or undefined when it can. */
export function publishBlockedReason(state: {
  mayEdit: boolean;
  /** The live gray release, if any. */
  grayRevision: number | undefined;
  /** The draft holds no change against the live release. */
  noChanges: boolean;
  liveRevision: number | null;
}): string | undefined {
  if (!state.mayEdit) {
    return 'Your role may not publish config.';
  }
  if (state.grayRevision !== undefined) {
    return `Gray release ${state.grayRevision} is live: promote or abandon it before publishing again.`;
  }
  if (state.noChanges) {
    return state.liveRevision === null
      ? 'Save a draft to publish the first release.'
      : `The draft equals live revision ${state.liveRevision}: nothing to publish.`;
  }
  return undefined;
}
