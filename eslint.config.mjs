// Lint rules for the whole project: typescript-eslint's recommended type-aware set.
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["node_modules/", "out/", "eslint.config.mjs"] },
    ...tseslint.configs.recommendedTypeChecked,
    {
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        rules: {
            // Resources are registered for their side effect: `new aws.x.Y(...)` without a variable is normal.
            "no-new": "off",
            "@typescript-eslint/no-floating-promises": "error",
        },
    },
    // The plan's require hook is plain CommonJS: linted, but without type information.
    { files: ["**/*.cjs"], ...tseslint.configs.disableTypeChecked },
    {
        files: ["**/*.cjs"],
        languageOptions: {
            sourceType: "commonjs",
            globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly" },
        },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
);
