const { main } = await import("../dist/v-full/main.js");
process.exitCode = await main(process.argv);
