import * as assert from 'assert';
import { AuthNotice } from '../../../src/ui/authNotice';
import type { Ui } from '../../../src/ui/prompts';
import { plain } from '../../../src/ui/text';

function fakeUi() {
  const shown: { message: string; command?: string; closed: boolean }[] = [];
  const ui = {
    notice(message: string, action?: { title: string; command: string }) {
      const n = { message, command: action?.command, closed: false };
      shown.push(n);
      return { close: () => (n.closed = true) };
    },
  } as unknown as Ui;
  return { ui, shown };
}

describe('AuthNotice', () => {
  it('one notice however many failures; a new key closes it and the next failure shows again', () => {
    const { ui, shown } = fakeUi();
    const notice = new AuthNotice(() => ui);
    notice.show('rejected (401)');
    notice.show('rejected (401)');
    notice.show('rejected (401)');
    assert.strictEqual(shown.length, 1, 'still open: not shown again');
    assert.strictEqual(shown[0].command, 'llamaClassify.setApiKey');
    notice.reset();
    assert.strictEqual(shown[0].closed, true);
    assert.strictEqual(notice.isOpen, false);
    notice.show('rejected again (401)');
    assert.strictEqual(shown.length, 2);
  });
});

describe('notification text', () => {
  it('remote text never becomes a link', () => {
    assert.strictEqual(plain('Server said: “[quit](command:workbench.action.quit)”'), 'Server said: “[quit] (command:workbench.action.quit)”');
    assert.strictEqual(plain('plain [brackets] and (parens)'), 'plain [brackets] and (parens)');
  });
});
