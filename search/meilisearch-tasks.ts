/**
 * Meilisearch tasks: every write (index creation, settings, documents,
 * swap, deletion) is an asynchronous task that must be awaited and checked.
 * The client's `waitForTask` resolves with a failed task as readily as with
 * a succeeded one; `awaitTask` turns anything but "succeeded" into a
 * SearchTaskError.
 */
import {
  type EnqueuedTask,
  type Meilisearch,
  MeilisearchTaskTimeOutError,
  type Task,
} from "meilisearch";

export interface TaskWaitOptions {
  /** How long one task may take before SearchTaskError `task_timeout`. */
  timeoutMs: number;
  /** Polling interval. */
  intervalMs: number;
}

/**
 * A Meilisearch task that did not succeed. `code` is the task's error code
 * (e.g. `index_already_exists`, `invalid_document_id`), or `task_canceled`
 * or `task_timeout`; the message includes Meilisearch's own message.
 */
export class SearchTaskError extends Error {
  readonly code: string;
  readonly taskUid: number;
  readonly taskType: string;
  readonly indexUid: string | null;

  constructor(
    code: string,
    message: string,
    task: { uid: number; type: string; indexUid: string | null },
  ) {
    super(message);
    this.name = "SearchTaskError";
    this.code = code;
    this.taskUid = task.uid;
    this.taskType = task.type;
    this.indexUid = task.indexUid;
  }
}

function taskLabel(task: { uid: number; type: string; indexUid: string | null }): string {
  return `Meilisearch task ${task.uid} (${task.type}${task.indexUid ? ` on ${task.indexUid}` : ""})`;
}

/**
 * Awaits the enqueued task and returns it once succeeded. Throws
 * SearchTaskError for a failed or canceled task, or one still enqueued or
 * processing after `wait.timeoutMs`; request errors propagate.
 */
export async function awaitTask(
  client: Meilisearch,
  enqueued: Promise<EnqueuedTask>,
  wait: TaskWaitOptions,
): Promise<Task> {
  const { taskUid, type, indexUid } = await enqueued;
  const identity = { uid: taskUid, type, indexUid };
  let task: Task;
  try {
    task = await client.tasks.waitForTask(taskUid, {
      timeout: wait.timeoutMs,
      interval: wait.intervalMs,
    });
  } catch (error) {
    if (error instanceof MeilisearchTaskTimeOutError) {
      throw new SearchTaskError(
        "task_timeout",
        `${taskLabel(identity)} did not finish within ${wait.timeoutMs} ms`,
        identity,
      );
    }
    throw error;
  }
  if (task.status === "succeeded") return task;
  const code = task.error?.code ?? `task_${task.status}`;
  const reason = task.error?.message ?? task.status;
  throw new SearchTaskError(code, `${taskLabel(identity)} ${task.status}: ${reason}`, identity);
}
