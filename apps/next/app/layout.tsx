import '@tokenhub/bbox-picker/styles.css';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './styles.css';

export const metadata: Metadata = {
  title: 'TokenHub image kit on Next.js',
  description: 'The proxy route, the React hook with the box picker, and a server action.',
};

/** The root layout. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
