// The ink side of the peer benchmark (run by benchmarks/peer.py with NODE_PATH set to a
// temporary folder holding the npm package inkjs 2.x).
//
//   node ink_peer.js compile MAIN.ink OUT.json   compile (parse, check, export) and write the JSON;
//                                               prints the CPU seconds the compile took
//   node ink_peer.js play STORY.json             load the compiled story and play choice 0 to the
//                                               end, printing every line and option as our
//                                               terminal player does (the transcript)
"use strict";
const fs = require("fs");
const path = require("path");

function cpuSeconds(since) {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

function compile(main, out) {
  const { Compiler, CompilerOptions } = require("inkjs/compiler/Compiler");
  const { PosixFileHandler } = require("inkjs/compiler/FileHandler/PosixFileHandler");
  const source = fs.readFileSync(main, "utf-8");
  const started = process.cpuUsage();
  const errors = [];
  const options = new CompilerOptions(main, [], false, (message) => errors.push(message),
    new PosixFileHandler(path.dirname(path.resolve(main))));
  const story = new Compiler(source, options).Compile();
  const json = story ? story.ToJson() : null;
  const seconds = cpuSeconds(started);
  if (!json) {
    process.stderr.write(`ink compile failed: ${errors.slice(0, 3).join("; ")}\n`);
    process.exit(1);
  }
  fs.writeFileSync(out, json);
  process.stdout.write(`${seconds}\n`);
}

function play(compiled) {
  const { Story } = require("inkjs");
  const story = new Story(fs.readFileSync(compiled, "utf-8"));
  const out = [];
  for (;;) {
    while (story.canContinue) out.push(story.Continue());
    const choices = story.currentChoices;
    if (choices.length === 0) break;
    choices.forEach((choice, n) => out.push(`${n + 1}) ${choice.text}\n`));
    story.ChooseChoiceIndex(0);
    if (out.length > 4096) process.stdout.write(out.splice(0).join(""));
  }
  process.stdout.write(out.join(""));
}

const [mode, first, second] = process.argv.slice(2);
if (mode === "compile") compile(first, second);
else if (mode === "play") play(first);
else {
  process.stderr.write("usage: node ink_peer.js compile MAIN.ink OUT.json | play STORY.json\n");
  process.exit(2);
}
