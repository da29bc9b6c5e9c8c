// The js-framework-benchmark operations in React (react-dom 19, production build, hooks and a
// memoised row), rendering the same elements as the compiled mini-program page.
import { memo, useCallback, useReducer } from 'react';
import { createRoot } from 'react-dom/client';
import data from '../mp/utils/data.js';

const { buildData } = data;

function reducer(state, action) {
  const { rows } = state;
  switch (action.type) {
    case 'run':
      return { rows: buildData(1000), selected: 0 };
    case 'runlots':
      return { rows: buildData(10000), selected: 0 };
    case 'add':
      return { rows: rows.concat(buildData(1000)), selected: state.selected };
    case 'update': {
      const next = rows.slice();
      for (let i = 0; i < next.length; i += 10) next[i] = { ...next[i], label: next[i].label + ' !!!' };
      return { rows: next, selected: state.selected };
    }
    case 'clear':
      return { rows: [], selected: 0 };
    case 'swaprows': {
      if (rows.length <= 998) return state;
      const next = rows.slice();
      next[1] = rows[998];
      next[998] = rows[1];
      return { rows: next, selected: state.selected };
    }
    case 'select':
      return { rows, selected: action.id };
    case 'remove': {
      const i = rows.findIndex((r) => r.id === action.id);
      return { rows: [...rows.slice(0, i), ...rows.slice(i + 1)], selected: state.selected };
    }
    default:
      return state;
  }
}

const Row = memo(function Row({ row, selected, dispatch }) {
  return (
    <wx-view class={selected ? 'row danger' : 'row'}>
      <wx-text class="col-id">{row.id}</wx-text>
      <wx-view class="lbl" onClick={() => dispatch({ type: 'select', id: row.id })}>{row.label}</wx-view>
      <wx-view class="remove" onClick={() => dispatch({ type: 'remove', id: row.id })}>×</wx-view>
    </wx-view>
  );
});

const BUTTONS = [
  ['run', 'Create 1,000 rows'],
  ['runlots', 'Create 10,000 rows'],
  ['add', 'Append 1,000 rows'],
  ['update', 'Update every 10th row'],
  ['clear', 'Clear'],
  ['swaprows', 'Swap rows'],
];

const Buttons = memo(function Buttons({ dispatch }) {
  return (
    <wx-view class="buttons">
      {BUTTONS.map(([id, label]) => (
        <wx-view key={id} class="btn" id={id} onClick={() => dispatch({ type: id })}>{label}</wx-view>
      ))}
    </wx-view>
  );
});

function App() {
  const [{ rows, selected }, dispatch] = useReducer(reducer, { rows: [], selected: 0 });
  const stableDispatch = useCallback(dispatch, []);
  return (
    <>
      <Buttons dispatch={stableDispatch} />
      <wx-view class="rows" id="rows">
        {rows.map((row) => <Row key={row.id} row={row} selected={row.id === selected} dispatch={stableDispatch} />)}
      </wx-view>
    </>
  );
}

createRoot(document.querySelector('.app')).render(<App />);
