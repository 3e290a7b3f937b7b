'use client';

export default function ErrorPage({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="font-serif text-3xl font-bold">Something went wrong</h1>
      <p className="mt-4 text-slate-600">
        This page could not be shown. Please try again in a moment.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-8 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
      >
        Try again
      </button>
    </div>
  );
}
