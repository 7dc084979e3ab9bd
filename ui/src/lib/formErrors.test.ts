import { describe, expect, it } from "vitest";
import { errorMessage, isIpcError, matchField, noErrors, toFormErrors } from "./formErrors";

const fields = ["name", "slug", "start_date", "budget", "items"];

describe("toFormErrors", () => {
  it("puts an error naming a field under that field", () => {
    const error = { code: "invalid_input", message: "The slug is taken", field: "slug" };
    expect(toFormErrors(error, fields)).toEqual({ fields: { slug: "The slug is taken" }, form: null });
  });

  it("puts an error naming no field at form level", () => {
    const error = { code: "database", message: "The database is locked", field: null };
    expect(toFormErrors(error, fields)).toEqual({ fields: {}, form: "The database is locked" });
  });

  it("puts an error naming a field the form lacks at form level, so it is not lost", () => {
    const error = { code: "invalid_input", message: "Unknown time zone", field: "tz" };
    expect(toFormErrors(error, fields)).toEqual({ fields: {}, form: "Unknown time zone" });
  });

  it("maps a nested field onto the form's field", () => {
    expect(toFormErrors({ code: "x", message: "too big", field: "budget.minor" }, fields).fields).toEqual({ budget: "too big" });
    expect(toFormErrors({ code: "x", message: "negative", field: "items[2].quantity" }, fields).fields).toEqual({ items: "negative" });
  });

  it("trusts any field name when no field list is given", () => {
    expect(toFormErrors({ code: "x", message: "m", field: "anything" })).toEqual({ fields: { anything: "m" }, form: null });
  });

  it("shows other failures at form level", () => {
    expect(toFormErrors(new Error("IPC unavailable"), fields)).toEqual({ fields: {}, form: "IPC unavailable" });
    expect(toFormErrors("plain string", fields)).toEqual({ fields: {}, form: "plain string" });
  });
});

describe("helpers", () => {
  it("recognises the IPC error shape", () => {
    expect(isIpcError({ code: "a", message: "b", field: null })).toBe(true);
    expect(isIpcError({ code: "a", message: "b" })).toBe(true);
    expect(isIpcError({ code: "a", message: "b", field: 3 })).toBe(false);
    expect(isIpcError({ message: "b" })).toBe(false);
    expect(isIpcError(null)).toBe(false);
  });

  it("finds a field by its longest known prefix", () => {
    expect(matchField("a.b.c", ["a", "a.b"])).toBe("a.b");
    expect(matchField("zzz", ["a"])).toBeNull();
  });

  it("reads any thrown value", () => {
    expect(errorMessage({ code: "c", message: "m", field: null })).toBe("m");
    expect(errorMessage({ odd: 1 })).toBe('{"odd":1}');
    expect(errorMessage(undefined)).toBe("undefined");
    expect(noErrors()).toEqual({ fields: {}, form: null });
  });
});

describe("toFormErrors without the field name", () => {
  it("puts the core's message under its field without repeating the field's name", () => {
    expect(toFormErrors({ code: "invalid", message: "planned: must not be negative, got -5", field: "planned" }, ["planned"])).toEqual({
      fields: { planned: "must not be negative, got -5" },
      form: null,
    });
    expect(toFormErrors({ code: "invalid", message: "no such summit", field: "summit_id" }, ["planned"])).toEqual({
      fields: {},
      form: "no such summit",
    });
    expect(toFormErrors(new Error("offline"), ["planned"])).toEqual({ fields: {}, form: "offline" });
  });
});
