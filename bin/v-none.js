const { main } = await import("../dist/v-none/main.js");
process.exitCode = await main(process.argv);
