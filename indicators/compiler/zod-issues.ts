// Turns zod issues into located issues: one per problem, each with its dotted path.
import type { z } from "zod";
import { dottedPath, type Issue, type IssueCode } from "./errors.ts";

export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  file: string,
  code: IssueCode,
): Issue[] {
  return issues.flatMap((issue) => {
    // One issue per unknown key, located at the key itself rather than at its parent.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        code,
        file,
        path: dottedPath([...issue.path, key]),
        message: "unknown key",
      }));
    }
    return [{ code, file, path: dottedPath(issue.path), message: issue.message }];
  });
}
