// Its own config, so that Next does not load the portal's from the folder above.
const config = {};

export default config;
