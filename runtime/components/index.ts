// Registers every built-in component. Each file defines one tag.
import './view.js';
import './button.js';
import './input.js';
import './form.js';
import './image.js';
import './navigator.js';
import './text.js';
import './scroll-view.js';
import './checkbox.js';
import './radio.js';
import './switch.js';
import './label.js';
