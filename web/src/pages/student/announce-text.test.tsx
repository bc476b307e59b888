import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from '../../ui/Markdown';
import { announceText } from './announce-text';

afterEach(cleanup);

describe('the text an answer is announced with', () => {
  it('reads each block on its line, without the copy buttons of its code blocks', () => {
    const { container } = render(
      <Markdown
        text={'Voici **deux** points :\n\n- un\n- deux\n\n```js\nconsole.log(1)\n```\n\n[Doc](https://ex.org)'}
      />,
    );
    expect(announceText(container)).toBe('Voici deux points :\nun\ndeux\nconsole.log(1)\nDoc (nouvel onglet)');
  });
});
