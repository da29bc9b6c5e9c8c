// Registers every built-in component. Each file defines one tag.
import './view.js';
import './button.js';
import './input.js';
import './form.js';
