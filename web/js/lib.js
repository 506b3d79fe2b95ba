// The view library, from web/vendor (preact + htm, pinned in package.json).
// Every module imports it from here, so an upgrade changes one file.
import { h, render, Component, Fragment, createRef } from "../vendor/preact-11.2.0/preact.mjs";
import {
  useState, useEffect, useRef, useMemo, useCallback, useReducer,
} from "../vendor/preact-11.2.0/hooks.mjs";
import htm from "../vendor/htm-3.1.1/htm.mjs";

export const html = htm.bind(h);
export {
  h, render, Component, Fragment, createRef,
  useState, useEffect, useRef, useMemo, useCallback, useReducer,
};
