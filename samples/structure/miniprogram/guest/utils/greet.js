// An independent subpackage brings its own utilities: it may not require the main package's.
module.exports = function greet(name) {
  return 'Welcome, ' + name;
};
