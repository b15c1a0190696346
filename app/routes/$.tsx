/** Any unknown URL: a 404 page with ways back (rendered by the error boundary). */
import { GeneralErrorBoundary } from "~/components/error-boundary";

export function loader() {
  throw new Response("您访问的页面不存在，可能已被删除、下架，或链接有误。", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
