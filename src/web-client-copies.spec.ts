import { STATUS_TRANSITIONS as WEB_TRANSITIONS } from '../web/src/pages/admin/status';
import * as webScale from '../web/src/pages/examiner/grading';
import * as scale from './evaluation/note-scale';
import { STATUS_TRANSITIONS } from './hackathon/hackathon-status';

/**
 * The web client imports no server code (it talks to the API through clients/typescript only), so
 * the two rules its pages apply before asking are copies: they must say what the server says.
 */
describe('the web client’s copies of server rules', () => {
  it('offers exactly the status moves of src/hackathon/hackathon-status.ts', () => {
    expect(WEB_TRANSITIONS).toEqual(STATUS_TRANSITIONS);
  });

  it('grades on the scale of src/evaluation/note-scale.ts', () => {
    expect(webScale.SCALE).toEqual(scale.ECHELLE_NOTATION);
    expect([webScale.NOTE_MIN, webScale.NOTE_MAX]).toEqual([scale.NOTE_MIN, scale.NOTE_MAX]);
    expect([webScale.COMMENT_MIN, webScale.COMMENT_MAX]).toEqual([scale.COMMENT_MIN_CHARS, scale.COMMENT_MAX_CHARS]);
    expect(webScale.NOTES[1] - webScale.NOTES[0]).toBe(scale.NOTE_STEP);
  });
});
