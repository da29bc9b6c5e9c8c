// Registers every built-in component. Each file defines one tag.
import './view.js';
import './button.js';
