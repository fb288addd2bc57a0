import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the sign-in page of the embedded defaults', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    // Guest sign-in is how a newcomer enters the portal started with `./run start`.
    expect(
      await screen.findByRole('button', { name: 'Enter' }, { timeout: 15_000 }),
    ).toBeInTheDocument();
  });
});
