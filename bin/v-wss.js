const { main } = await import("../dist/v-wss/main.js");
process.exitCode = await main(process.argv);
