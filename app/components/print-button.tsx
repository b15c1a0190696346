/** 打印: opens the browser's print dialog (with JavaScript; otherwise the browser's own 打印 menu works). */
export function PrintButton({ className = "" }: { className?: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className={`rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 print:hidden ${className}`}
    >
      打印
    </button>
  );
}
