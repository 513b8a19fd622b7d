import { describe, expect, it } from "vitest";
import { wholePercentages } from "./statement-workflow";

describe("whole percentages of the writing", () => {
  it("adds up to 100, rounding up the largest remainders", () => {
    expect(wholePercentages([33, 0, 0, 35])).toEqual([49, 0, 0, 51]);
    expect(wholePercentages([1, 1, 1, 0])).toEqual([34, 33, 33, 0]);
    expect(wholePercentages([450, 150, 0, 0])).toEqual([75, 25, 0, 0]);
  });

  it("leaves a tiny share at 0 for the reader to call 'less than 1%', and is all zeros when nothing was written", () => {
    expect(wholePercentages([1, 999, 0, 0])).toEqual([0, 100, 0, 0]);
    expect(wholePercentages([0, 0, 0, 0])).toEqual([0, 0, 0, 0]);
  });
});
