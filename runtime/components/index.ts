// Registers every built-in component. Each file defines one tag.
import './view.js';
import './button.js';
import './textField.js';
import './form.js';
import './image.js';
import './navigator.js';
import './text.js';
import './scroll-view.js';
import './checkbox.js';
import './radio.js';
import './switch.js';
import './label.js';
import './icon.js';
import './progress.js';
import './slider.js';
import './swiper.js';
import './picker.js';
